print("\N{EM DASH}")
