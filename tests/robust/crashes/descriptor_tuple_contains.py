# (see descriptor_list_count)
tuple.__contains__(1, 2)
