// The commands the simulated machine has out of the box: bash's builtins and the coreutils and
// friends the course uses. Programs (python3, pip, apt-get, uwsgi, nginx, systemctl, curl, ps…)
// are added here the same way, one file each (../program.ts says how).

import type { CommandDefinition } from '../program.ts';
// the program layer: scenario starters, resumers and goal checks register when the commands load
import '../programs/program-layer.ts';
import { curl } from './curl.ts';
import { initDNginx } from './init-d-nginx.ts';
import { initDUwsgi } from './init-d-uwsgi.ts';
import { kill } from './kill.ts';
import { jobs } from './jobs.ts';
import { bg, fg } from './fg.ts';
import { netstat } from './netstat.ts';
import { nginx } from './nginx.ts';
import { ps } from './ps.ts';
import { service } from './service.ts';
import { ss } from './ss.ts';
import { systemctl } from './systemctl.ts';
import { systemdAnalyze } from './systemd-analyze.ts';
import { basename, dirname } from './basename.ts';
import { date } from './date.ts';
import { hostname } from './hostname.ts';
import { readlink } from './readlink.ts';
import { realpath } from './realpath.ts';
import { sort } from './sort.ts';
import { tee } from './tee.ts';
import { uname } from './uname.ts';
import { uniq } from './uniq.ts';
import { uwsgi } from './uwsgi.ts';
import { apt } from './apt.ts';
import { aptGet } from './apt-get.ts';
import { bashProgram } from './bash.ts';
import { cat } from './cat.ts';
import { cd } from './cd.ts';
import { chmod } from './chmod.ts';
import { chown } from './chown.ts';
import { clear } from './clear.ts';
import { cp } from './cp.ts';
import { dashProgram } from './dash.ts';
import { echo } from './echo.ts';
import { find } from './find.ts';
import { env } from './env.ts';
import { grep } from './grep.ts';
import { hash } from './hash.ts';
import { head } from './head.ts';
import { help } from './help.ts';
import { history } from './history.ts';
import { id } from './id.ts';
import { ln } from './ln.ts';
import { ls } from './ls.ts';
import { man } from './man.ts';
import { mkdir } from './mkdir.ts';
import { nano } from './nano.ts';
import { mv } from './mv.ts';
import { pip } from './pip.ts';
import { printf } from './printf.ts';
import { python3 } from './python3.ts';
import { pwd } from './pwd.ts';
import { rm } from './rm.ts';
import { colon, falseCommand, trueCommand, umask } from './simple-builtins.ts';
import { sleep } from './sleep.ts';
import { dot, source } from './source.ts';
import { stat } from './stat.ts';
import { sudo } from './sudo.ts';
import { tail } from './tail.ts';
import { touch } from './touch.ts';
import { type } from './type.ts';
import { vi } from './vi.ts';
import { wc } from './wc.ts';
import { which } from './which.ts';
import { whoami } from './whoami.ts';

export function builtinCommands(): CommandDefinition[] {
  return [
    curl,
    initDNginx,
    initDUwsgi,
    kill,
    jobs,
    fg,
    bg,
    netstat,
    nginx,
    ps,
    service,
    ss,
    systemctl,
    systemdAnalyze,
    basename,
    date,
    dirname,
    hostname,
    readlink,
    realpath,
    sort,
    tee,
    uname,
    uniq,
    uwsgi,
    apt,
    aptGet,
    bashProgram,
    cat,
    cd,
    chmod,
    chown,
    clear,
    colon,
    cp,
    dashProgram,
    dot,
    echo,
    env,
    falseCommand,
    find,
    grep,
    hash,
    head,
    help,
    history,
    id,
    ln,
    ls,
    man,
    mkdir,
    nano,
    mv,
    pip,
    printf,
    python3,
    pwd,
    rm,
    sleep,
    source,
    stat,
    sudo,
    tail,
    touch,
    trueCommand,
    type,
    umask,
    vi,
    wc,
    which,
    whoami,
  ];
}
