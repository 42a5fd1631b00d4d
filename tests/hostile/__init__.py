"""A corpus of bad submissions of the backpropagation exercise, graded in one batch with good ones."""
