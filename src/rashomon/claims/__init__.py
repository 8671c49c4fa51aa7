"""Claims stage: who says what, with which stance."""
