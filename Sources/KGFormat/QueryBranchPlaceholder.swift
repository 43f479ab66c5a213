// Placeholder until helper "format" lands KGFormat; removed on merge.
