# (see descriptor_list_count)
set.add(1, 2)
