import Workbook

// Exercise 4.4, reference: the learner's stub in Exercises/ asks the questions and lists the
// choices; the catalog's explanation says why each answer is right.

/// m is an exponential moving average of the gradient.
public func adamFirstMoment() -> Choice { .b }

/// v is an exponential moving average of the squared gradient.
public func adamSecondMoment() -> Choice { .d }

/// √v̂ makes the step scale-invariant per coordinate; ε guards against division by zero.
public func adamDivisor() -> Choice { .a }
