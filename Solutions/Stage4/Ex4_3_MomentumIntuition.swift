import Workbook

// Exercise 4.3, reference: the learner's stub in Exercises/ asks the questions and lists the
// choices; the catalog's explanation says why each answer is right.

/// Sign-flipping components cancel in the velocity, the steady one along the floor builds up.
public func momentumInNarrowValleys() -> Choice { .c }

/// The velocity gathered on the way down carries the parameters through a shallow dip.
public func momentumEscapesShallowMinima() -> Choice { .a }

/// High momentum overshoots and oscillates around the minimum.
public func highMomentumDownside() -> Choice { .d }
