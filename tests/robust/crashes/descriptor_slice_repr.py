# (see descriptor_list_count)
slice.__repr__(1)
