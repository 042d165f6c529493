try:
    qzxv_other
except NameError as e:
    print("caught:", e)
qzxv_token = "abc"
print(qzxv_token)
del qzxv_token
print(qzxv_token)
