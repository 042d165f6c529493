# Writing a file: open() does not exist, so nothing is created.
f = open("looplab-sandbox-probe.txt", "w")
f.write("escaped")
