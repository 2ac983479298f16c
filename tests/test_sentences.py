"""Sentence boundaries: the rule-based splitter's known slips are mended."""

from storyline.annotate import split_sentences


def test_a_numbers_label_does_not_end_a_sentence():
    text = ("Just before shooting began on \u201cKill Bill: Vol. 1,\u201d which came out in 2003, she told the "
            "director about it. He confronted the producer.")
    assert [s.text for s in split_sentences(text)] == [
        "Just before shooting began on \u201cKill Bill: Vol. 1,\u201d which came out in 2003, she told the director about it.",
        "He confronted the producer."]


def test_a_sentence_may_open_on_a_number():
    assert [s.text for s in split_sentences("The law passed. 5 people voted against it.")] == [
        "The law passed.", "5 people voted against it."]


def test_a_lower_case_number_label_does_not_end_a_sentence():
    text = "The airline's flight no. 446 took off from Auckland after midnight. It landed on the day before."
    assert [s.text for s in split_sentences(text)] == [
        "The airline's flight no. 446 took off from Auckland after midnight.", "It landed on the day before."]
