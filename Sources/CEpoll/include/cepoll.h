#ifndef CTN_CEPOLL_H
#define CTN_CEPOLL_H
// epoll for the benchmark's load generator (Glibc's Swift module does not export it).
#include <sys/epoll.h>
#endif
