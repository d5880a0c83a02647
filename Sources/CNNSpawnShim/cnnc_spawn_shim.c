#define _GNU_SOURCE
#include "cnnc_spawn_shim.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#if defined(__linux__)
int cnnc_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC) == 0 ? 0 : errno; }

int cnnc_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int low) {
    return posix_spawn_file_actions_addclosefrom_np(actions, low);
}

int cnnc_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}
#else
int cnnc_pipe_cloexec(int fds[2]) { (void)fds; return ENOSYS; }
int cnnc_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int low) { (void)actions; (void)low; return ENOSYS; }
int cnnc_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) { (void)actions; (void)path; return ENOSYS; }
#endif
