# Looking up an enum member by a value it does not have.
from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2


print(Color(2), Color["RED"])
Color(5)
