import Foundation
import GraderKit

// Ctrl-C ends the test processes and the builds grade started too, not grade alone.
Interrupts.passOn()
exit(Grader.main(arguments: Array(CommandLine.arguments.dropFirst())))
