def write_site(out_root, options):
    pass
