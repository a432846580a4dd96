"""The largest value held anywhere in a range of positions, as values are added: a segment tree."""


class RangeMax:
    """Positions 0 to size - 1, each holding the largest value added there, or `empty` before any;
    adding and asking each take a number of steps logarithmic in the size."""

    def __init__(self, size: int, empty: int):
        self.size = max(size, 1)
        self.empty = empty
        self.tree = [empty] * (2 * self.size)

    def add(self, position: int, value: int) -> None:
        index = position + self.size
        # Each node holds its subtree's largest value: climb only while the value raises it.
        while index and self.tree[index] < value:
            self.tree[index] = value
            index //= 2

    def largest(self, start: int, end: int) -> int:
        """The largest value held at positions [start, end)."""
        result = self.empty
        low, high = max(start, 0) + self.size, min(end, self.size) + self.size
        while low < high:
            if low & 1:
                result = max(result, self.tree[low])
                low += 1
            if high & 1:
                high -= 1
                result = max(result, self.tree[high])
            low, high = low // 2, high // 2
        return result
