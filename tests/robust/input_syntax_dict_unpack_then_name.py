d = {**a b}
