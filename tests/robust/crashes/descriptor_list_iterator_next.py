# (see descriptor_list_count)
next_ = type(iter([])).__next__
next_(1)
