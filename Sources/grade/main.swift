import Foundation
import GraderKit

exit(Grader.main(arguments: Array(CommandLine.arguments.dropFirst())))
