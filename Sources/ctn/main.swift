print("ctn")
