# (see descriptor_list_count)
len_ = type({}.keys()).__len__
len_(1)
