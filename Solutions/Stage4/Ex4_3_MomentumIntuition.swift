import Workbook

// Exercise 4.3 (★): momentum, pictured as a ball rolling down a hill.
// Each function asks one question; answer by returning your choice, for example `return .b`.
//
// ```
// v ← βv + g          (the velocity: a decaying sum of past gradients, β in [0, 1))
// θ ← θ − lr · v
// ```

/// Answers 4.3 (a), about momentum in a narrow valley.
///
/// How does momentum help gradient descent in a narrow valley?
///
/// In a narrow valley the walls are steep and the floor slopes gently: the gradient points
/// mostly across the valley, and plain gradient descent zig-zags from wall to wall.
///
/// - (a) It raises the effective learning rate in the steep direction across the valley, so the
///   ball drops to the valley floor sooner and then rolls along it.
/// - (b) It divides each coordinate's step by the size of its recent gradients, so the steep and
///   the gentle direction take steps of about the same size.
/// - (c) Across the valley the gradient flips sign, so those components cancel in the velocity;
///   along the floor it keeps its sign, so speed builds up there.
/// - (d) It uses the curvature of the valley walls to aim each step at the floor, so it no longer
///   bounces from wall to wall.
///
/// - Returns: your choice, `.a`, `.b`, `.c` or `.d`.
public func momentumInNarrowValleys() -> Choice {
  // BEGIN SOLUTION
  .c
  // END SOLUTION
}

/// Answers 4.3 (b), about momentum and shallow local minima.
///
/// How does momentum help gradient descent escape a shallow local minimum?
///
/// - (a) The speed built up on the way down keeps the parameters moving where the gradient is near
///   zero, so they can coast through a shallow dip and over a low ridge.
/// - (b) Momentum adds random noise to each step, and the noise kicks the parameters out of a
///   shallow minimum before they settle in it.
/// - (c) Momentum averages the loss over the recent steps, which smooths the landscape so that
///   shallow minima disappear.
/// - (d) With momentum, gradient descent reaches the global minimum from any starting point,
///   because the velocity never lets it stop in a local one.
///
/// - Returns: your choice, `.a`, `.b`, `.c` or `.d`.
public func momentumEscapesShallowMinima() -> Choice {
  // BEGIN SOLUTION
  .a
  // END SOLUTION
}

/// Answers 4.3 (c), about the downside of high momentum.
///
/// What is the downside of high momentum (β close to 1)?
///
/// - (a) Each step becomes smaller, because the velocity averages the new gradient with old ones,
///   so training is slow from the very first step.
/// - (b) It must store one velocity for every past step, so memory use grows the longer training
///   runs.
/// - (c) The ball settles in the first local minimum it comes to, because the velocity damps every
///   change of direction.
/// - (d) The ball overshoots: the velocity carries it past the minimum, so it oscillates around it
///   and settles slowly (or even diverges).
///
/// - Returns: your choice, `.a`, `.b`, `.c` or `.d`.
public func highMomentumDownside() -> Choice {
  // BEGIN SOLUTION
  .d
  // END SOLUTION
}
