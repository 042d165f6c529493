# (see descriptor_list_count)
close = type(x for x in []).close
close(1)
