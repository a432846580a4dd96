"""Range maxima (thesis/text/ranges.py): the largest value added in any range, as a list would say."""

import random

from thesis.text.ranges import RangeMax


def test_the_largest_in_any_range_is_the_lists():
    generator = random.Random(3)
    for _ in range(100):
        size = generator.randint(1, 40)
        ranges, values = RangeMax(size, -1), [-1] * size
        for _ in range(60):
            position, value = generator.randrange(size), generator.randrange(100)
            ranges.add(position, value)
            values[position] = max(values[position], value)
            start, end = generator.randint(-2, size + 2), generator.randint(-2, size + 2)
            assert ranges.largest(start, end) == max(values[max(start, 0) : max(end, 0)], default=-1)


def test_an_empty_range_holds_nothing():
    ranges = RangeMax(5, -7)
    ranges.add(2, 9)
    assert ranges.largest(3, 3) == ranges.largest(4, 2) == -7
    assert ranges.largest(0, 5) == 9
