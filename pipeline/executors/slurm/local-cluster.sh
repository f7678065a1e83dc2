#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for dwsyn's Slurm tests and for trying the Slurm
# executor: munged, slurmctld and slurmd as root, one node "localhost" with every core, one partition
# "debug", no accounting, no cgroups. Needs Debian's slurm-wlm and munge.
#
#   local-cluster.sh start   write the config, start the daemons, wait until the node is idle
#   local-cluster.sh stop    stop the daemons this script started
#   local-cluster.sh logs    print the tail of each daemon's log
#
# SLURM_CONF, the state folder and the logs live in $DWSYN_SLURM_DIR (default /tmp/dwsyn-slurm).
set -euo pipefail

dir="${DWSYN_SLURM_DIR:-/tmp/dwsyn-slurm}"
conf="$dir/slurm.conf"

logs() {
  for f in "$dir"/munged.log "$dir"/slurmctld.log "$dir"/slurmd.log; do
    [ -f "$f" ] && { echo "== $f"; tail -n 30 "$f"; }
  done
  return 0
}

stop() {
  for name in slurmd slurmctld munged; do
    pidfile="$dir/$name.pid"
    if [ -f "$pidfile" ]; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
    fi
  done
}

start() {
  command -v slurmctld >/dev/null || { echo "slurmctld not found: apt-get install -y slurm-wlm munge" >&2; exit 1; }
  stop
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
  chmod 700 "$dir/munge"
  # munge: a key of our own and a socket in our folder, so a system munged is left alone.
  [ -f "$dir/munge/munge.key" ] || { dd if=/dev/urandom bs=1 count=1024 of="$dir/munge/munge.key" status=none; chmod 400 "$dir/munge/munge.key"; }
  munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/munge.seed"
  cpus=$(nproc)
  memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
  cat > "$conf" <<CONF
ClusterName=dwsyn
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CryptoType=crypto/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
SlurmctldPort=6817
SlurmdPort=6818
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
MinJobAge=300
DefMemPerCPU=1024
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$conf"
  slurmctld -f "$conf" -i
  slurmd -f "$conf" -N localhost
  for _ in $(seq 1 60); do
    state=$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)
    if [ "$state" = "idle" ]; then
      echo "local Slurm up: SLURM_CONF=$conf, $cpus CPUs, ${memory} MB"
      return 0
    fi
    sleep 1
  done
  echo "the local Slurm node did not become idle (state: ${state:-none})" >&2
  logs >&2
  exit 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  logs) logs ;;
  *) echo "usage: $0 start|stop|logs" >&2; exit 2 ;;
esac
