# (see descriptor_list_count)
dict.__getitem__(1, 2)
