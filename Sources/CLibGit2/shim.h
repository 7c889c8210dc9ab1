#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call: fixed-arity wrappers. */
static inline int desk_git_set_fsync(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}
