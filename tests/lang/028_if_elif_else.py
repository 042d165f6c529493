def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for v in (-5, 0, 3, 10, 100):
    print(v, classify(v))
if []:
    print("empty list true?")
elif {}:
    print("empty dict true?")
elif "":
    print("empty str true?")
else:
    print("all falsy")
if 0.0 or None:
    print("no")
if [0]:
    print("non-empty list truthy")
x = 3
if x:
    if x > 2:
        print("nested")
