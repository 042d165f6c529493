# (see descriptor_list_count)
BaseException.__init__(1)
