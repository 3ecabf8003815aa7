"""Stage 4, render: the suite of jobs, the papermill runner, kernels, the cache and the steps of `make report`."""
