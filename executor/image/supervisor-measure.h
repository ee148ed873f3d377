/*
 * Measuring a run: CPU time, resident memory, memory kept in files, OOM kills. Facts only: supervisor-run.c
 * compares them with the limits and supervisor-result.c reports them.
 */
#ifndef JUEZ_SUPERVISOR_MEASURE_H
#define JUEZ_SUPERVISOR_MEASURE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

struct run;

/* Opens the counters kept for the container's life (cgroup CPU, OOM and memory.stat files, clear_refs); a
 * missing one is logged and its figure falls back or reads 0. */
void measure_init(void);

/* True when the cgroup's CPU counter is readable: a one-process run's CPU time then comes from it, which
 * includes every descendant; otherwise from rusage and polling. */
bool cgroup_cpu_known(void);

/* Records in r the counters that the run's figures are differences from. Called just before the first fork. */
void take_baselines(struct run *r);

/* The cgroup's OOM kill count so far, or -1 if unknown. */
int64_t oom_kill_count(void);

/* CPU time of any process, all its threads, in ns. The kernel allows reading the CPU clock of any thread-group
 * leader without a permission check (MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED)). */
int64_t process_cpu_ns(pid_t pid);

/* User plus system time of a rusage, in ns. */
int64_t rusage_cpu_ns(const struct rusage *ru);

/* Sums resident memory (and, for two processes, CPU) of every process but PID 1, per process of the run. */
void sample_processes(struct run *r, uint64_t mem_kb[2], int64_t cpu_ns[2]);

/* CPU time of a one-process run so far: the container's usage minus the supervisor's own, or, when the cgroup
 * file is unavailable, polled_ns plus what reaped orphans used. */
int64_t run_cpu_ns(const struct run *r, int64_t polled_ns);

/* Memory the run keeps outside its processes: how much the container's shmem grew since the run started (files in
 * the tmpfs /work, /tmp and /dev/shm, memfds, SysV and POSIX shared memory), less what /judge grew (a tmpfs too,
 * but only the run's output files and a validator's feedback land there, and output_kb limits the output).
 * Resident set sizes miss all of it, so without this a program could keep its data in /tmp far beyond memory_kb.
 * Shared memory that is mapped also counts in the RSS of each process mapping it: only programs that share memory
 * between processes pay that twice. */
uint64_t kept_in_files_kb(const struct run *r);

/* The process of the run that files count for: the program (user sandbox); of two processes of one user, the first.
 * An interactor's own files in /tmp are charged to the program it runs with. */
int file_keeper(const struct run *r);

#endif
