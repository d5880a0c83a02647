#ifndef CNNC_SPAWN_SHIM_H
#define CNNC_SPAWN_SHIM_H

#include <spawn.h>

/* glibc's GNU extensions that ChildProcess needs, which Swift's Glibc module does not import
   (they are declared only under _GNU_SOURCE). Each returns 0 or an errno value, as the
   posix_spawn functions do; off Linux they return ENOSYS. */

/* A pipe whose two ends are close-on-exec from the start (pipe2 with O_CLOEXEC). */
int cnnc_pipe_cloexec(int fds[2]);

/* posix_spawn_file_actions_addclosefrom_np: close every descriptor from `low` up in the child. */
int cnnc_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int low);

/* posix_spawn_file_actions_addchdir_np: change the child's working directory. */
int cnnc_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
