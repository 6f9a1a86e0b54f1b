"""text: what printed Polish text states, as pure functions.

Takes: strings (cell texts, sentences, indicator names) and records.
Gives: the numbers a text states, exact, with unit and scale (`numbers`);
normalised text for comparing and ordering (`normalize`); how a value was
printed and printing it again the Polish way (`printed`).
Imports: `model`; no third-party library.
"""
