# A syntax error inside an f-string replacement field, after literal
# text: the parser leaks the buffer holding the literal part (LeakSanitizer;
# found by fuzz_run). Seen only under ASan with leak checking: make fuzz
# replays this file through fuzz_run, which checks.
x = f"abc{1+}"
