// The course's short manual pages (man.ts shows them), and the names that lead to another's page.
// Kept apart so they load the first time `man` runs, not with the lab.

export interface ManPage {
  readonly section: number;
  /** The file whose presence means the page is installed. */
  readonly program: string;
  readonly header: string;
  readonly footer: readonly [string, string];
  readonly name: string;
  readonly synopsis: readonly string[];
  readonly description: string;
  readonly options?: readonly (readonly [string, string])[];
}

const COREUTILS: readonly [string, string] = ['GNU coreutils 9.1', 'September 2022'];

export const PAGES: Readonly<Record<string, ManPage>> = {
  ls: {
    section: 1,
    program: '/usr/bin/ls',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'ls - list directory contents',
    synopsis: ['ls [OPTION]... [FILE]...'],
    description:
      'List information about the FILEs (the current directory by default). Sort entries alphabetically.',
    options: [
      ['-a, --all', 'do not ignore entries starting with .'],
      ['-d, --directory', 'list directories themselves, not their contents'],
      ['-h, --human-readable', 'with -l, print sizes like 1K 234M 2G etc.'],
      ['-i, --inode', 'print the index number of each file'],
      [
        '-l',
        'use a long listing format: type and permissions (s for a socket, l for a symbolic link), links, owner, group, size, time, name',
      ],
      ['-R, --recursive', 'list subdirectories recursively'],
      ['-t', 'sort by time, newest first'],
    ],
  },
  cat: {
    section: 1,
    program: '/usr/bin/cat',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'cat - concatenate files and print on the standard output',
    synopsis: ['cat [OPTION]... [FILE]...'],
    description:
      'Concatenate FILE(s) to standard output. With no FILE, or when FILE is -, read standard input.',
    options: [
      ['-n, --number', 'number all output lines'],
      ['-A, --show-all', 'show tabs as ^I and line ends as $'],
    ],
  },
  cp: {
    section: 1,
    program: '/usr/bin/cp',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'cp - copy files and directories',
    synopsis: ['cp [OPTION]... SOURCE DEST', 'cp [OPTION]... SOURCE... DIRECTORY'],
    description: 'Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.',
    options: [
      ['-a, --archive', 'copy recursively, keeping modes, owners and times'],
      ['-r, -R, --recursive', 'copy directories recursively'],
    ],
  },
  mv: {
    section: 1,
    program: '/usr/bin/mv',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'mv - move (rename) files',
    synopsis: ['mv [OPTION]... SOURCE DEST', 'mv [OPTION]... SOURCE... DIRECTORY'],
    description:
      'Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY. A symbolic link is moved itself; it keeps pointing where it pointed.',
  },
  rm: {
    section: 1,
    program: '/usr/bin/rm',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'rm - remove files or directories',
    synopsis: ['rm [OPTION]... [FILE]...'],
    description: 'rm removes each specified file. By default, it does not remove directories.',
    options: [
      ['-f, --force', 'ignore nonexistent files and arguments, never prompt'],
      ['-r, -R, --recursive', 'remove directories and their contents recursively'],
    ],
  },
  mkdir: {
    section: 1,
    program: '/usr/bin/mkdir',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'mkdir - make directories',
    synopsis: ['mkdir [OPTION]... DIRECTORY...'],
    description: 'Create the DIRECTORY(ies), if they do not already exist.',
    options: [['-p, --parents', 'no error if existing, make parent directories as needed']],
  },
  ln: {
    section: 1,
    program: '/usr/bin/ln',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'ln - make links between files',
    synopsis: ['ln [OPTION]... [-T] TARGET LINK_NAME', 'ln [OPTION]... TARGET... DIRECTORY'],
    description:
      'Create a link to TARGET with the name LINK_NAME. A symbolic link holds the text TARGET: it is not checked, and dangles when nothing is there.',
    options: [
      ['-s, --symbolic', 'make symbolic links instead of hard links'],
      ['-f, --force', 'remove existing destination files'],
    ],
  },
  chmod: {
    section: 1,
    program: '/usr/bin/chmod',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'chmod - change file mode bits',
    synopsis: ['chmod [OPTION]... MODE[,MODE]... FILE...', 'chmod [OPTION]... OCTAL-MODE FILE...'],
    description:
      'Each MODE is of the form [ugoa]*([-+=]([rwxXst]*|[ugo]))+ or an octal number such as 666 (read and write for everyone: what a socket needs for nginx to connect).',
    options: [['-R, --recursive', 'change files and directories recursively']],
  },
  chown: {
    section: 1,
    program: '/usr/bin/chown',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'chown - change file owner and group',
    synopsis: ['chown [OPTION]... [OWNER][:[GROUP]] FILE...'],
    description: 'Change the owner and/or group of each FILE to OWNER and/or GROUP.',
    options: [['-R, --recursive', 'operate on files and directories recursively']],
  },
  head: {
    section: 1,
    program: '/usr/bin/head',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'head - output the first part of files',
    synopsis: ['head [OPTION]... [FILE]...'],
    description: 'Print the first 10 lines of each FILE to standard output.',
    options: [['-n, --lines=[-]NUM', 'print the first NUM lines instead of the first 10']],
  },
  tail: {
    section: 1,
    program: '/usr/bin/tail',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'tail - output the last part of files',
    synopsis: ['tail [OPTION]... [FILE]...'],
    description: 'Print the last 10 lines of each FILE to standard output.',
    options: [
      ['-f, --follow', 'output appended data as the file grows (until Ctrl-C)'],
      ['-n, --lines=[+]NUM', 'output the last NUM lines'],
    ],
  },
  wc: {
    section: 1,
    program: '/usr/bin/wc',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'wc - print newline, word, and byte counts for each file',
    synopsis: ['wc [OPTION]... [FILE]...'],
    description:
      'Print newline, word, and byte counts for each FILE, and a total line if more than one FILE is specified.',
    options: [['-l, --lines', 'print the newline counts']],
  },
  stat: {
    section: 1,
    program: '/usr/bin/stat',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'stat - display file or file system status',
    synopsis: ['stat [OPTION]... FILE...'],
    description: 'Display file or file system status.',
    options: [
      [
        '-c  --format=FORMAT',
        'use the specified FORMAT instead of the default (%a access rights in octal, %U owner, %G group, %n name)',
      ],
    ],
  },
  touch: {
    section: 1,
    program: '/usr/bin/touch',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'touch - change file timestamps',
    synopsis: ['touch [OPTION]... FILE...'],
    description:
      'Update the access and modification times of each FILE to the current time. A FILE argument that does not exist is created empty.',
  },
  id: {
    section: 1,
    program: '/usr/bin/id',
    header: 'User Commands',
    footer: COREUTILS,
    name: 'id - print real and effective user and group IDs',
    synopsis: ['id [OPTION]... [USER]...'],
    description:
      'Print user and group information for each specified USER, or (when USER omitted) for the current process.',
  },
  grep: {
    section: 1,
    program: '/usr/bin/grep',
    header: 'User Commands',
    footer: ['GNU grep 3.8', '2019-12-29'],
    name: 'grep, egrep, fgrep - print lines that match patterns',
    synopsis: ['grep [OPTION...] PATTERNS [FILE...]'],
    description:
      'grep searches for PATTERNS in each FILE and prints each line that matches a pattern.',
    options: [
      ['-E', 'interpret PATTERNS as extended regular expressions'],
      ['-i', 'ignore case distinctions'],
      ['-n', 'prefix each line of output with its line number'],
      ['-r', 'read all files under each directory, recursively'],
      ['-v', 'select non-matching lines'],
    ],
  },
  which: {
    section: 1,
    program: '/usr/bin/which',
    header: 'General Commands Manual',
    footer: ['Debian', '29 Jun 2016'],
    name: 'which - locate a command',
    synopsis: ['which [-a] filename ...'],
    description:
      'which returns the pathnames of the files (or links) which would be executed in the current environment. It does this by searching the PATH for executable files matching the names of the arguments. It does not know about shell builtins or what bash remembered with hash.',
  },
  sudo: {
    section: 8,
    program: '/usr/bin/sudo',
    header: "System Manager's Manual",
    footer: ['Sudo 1.9.13p3', 'January 16, 2023'],
    name: 'sudo, sudoedit - execute a command as another user',
    synopsis: ['sudo [-u user] command [arg ...]'],
    description:
      "sudo allows a permitted user to execute a command as the superuser or another user. The environment is reset: PATH becomes secure_path, so a virtual environment's bin is not on it.",
  },
  curl: {
    section: 1,
    program: '/usr/bin/curl',
    header: 'curl Manual',
    footer: ['curl 7.88.1', 'February 15 2023'],
    name: 'curl - transfer a URL',
    synopsis: ['curl [options / URLs]'],
    description: 'curl is a tool for transferring data from or to a server.',
    options: [
      ['-i, --include', 'include the HTTP response headers in the output'],
      ['-I, --head', 'fetch the headers only'],
      ['-v, --verbose', 'show the request (>) and response (<) lines'],
      ['-s, --silent', 'silent mode'],
      ['--unix-socket <path>', 'connect through this Unix domain socket'],
    ],
  },
  uwsgi: {
    section: 1,
    program: '/usr/bin/uwsgi-core',
    header: 'User Commands',
    footer: ['uwsgi-core 2.0.21-5.1', 'May 2023'],
    name: 'uwsgi-core - fast (pure C), self-healing, developer-friendly WSGI server',
    synopsis: ['uwsgi-core [options...]'],
    description:
      "Debian's uWSGI is modular: the Python options (--module, --wsgi-file, --callable) exist only after --plugin python3 (package uwsgi-plugin-python3), given before them.",
    options: [
      ['-s|--socket', 'bind to the specified UNIX/TCP socket using default protocol'],
      ['--http-socket', 'bind to the specified UNIX/TCP socket using HTTP protocol'],
      ['--chmod-socket[=mode]', 'chmod-socket (666 when no mode is given)'],
      ['-H|--home|--virtualenv|--venv', 'set PYTHONHOME/virtualenv'],
      ['--module', 'load a WSGI module'],
      ['--callable', 'set default WSGI callable name'],
      ['--wsgi-file', 'load .wsgi file'],
      ['--plugin', 'load uWSGI plugins'],
      ['--ini', 'load config from ini file'],
      ['-M|--master', 'enable master process'],
      ['-p|--processes', 'spawn the specified number of workers/processes'],
      ['-b|--buffer-size', 'set internal buffer size (4096 by default)'],
      ['--vacuum', 'try to remove all of the generated file/sockets'],
    ],
  },
  nginx: {
    section: 8,
    program: '/usr/sbin/nginx',
    header: "System Manager's Manual",
    footer: ['Debian', 'December 5, 2019'],
    name: 'nginx - "HTTP and reverse proxy server, mail proxy server"',
    synopsis: ['nginx [-?hqTtVv] [-c file] [-g directives] [-p prefix] [-s signal]'],
    description:
      "nginx is an HTTP and reverse proxy server. Debian's configuration is /etc/nginx/nginx.conf, which includes /etc/nginx/sites-enabled/*.",
    options: [
      ['-t', 'Do not run, just test the configuration file.'],
      ['-T', 'Same as -t, but additionally dump configuration files to standard output.'],
      ['-s signal', 'Send a signal to the master process: stop, quit, reopen, reload.'],
      ['-v', 'Print the nginx version.'],
      ['-V', 'Print the nginx version, compiler version, and configure script parameters.'],
    ],
  },
  systemctl: {
    section: 1,
    program: '/usr/bin/systemctl',
    header: 'systemctl',
    footer: ['systemd 252', ''],
    name: 'systemctl - Control the systemd system and service manager',
    synopsis: ['systemctl [OPTIONS...] COMMAND [UNIT...]'],
    description:
      'systemctl may be used to introspect and control the state of the "systemd" system and service manager.',
    options: [
      ['start UNIT...', 'Start (activate) one or more units.'],
      ['stop UNIT...', 'Stop (deactivate) one or more units.'],
      ['restart UNIT...', 'Stop and then start one or more units.'],
      [
        'reload UNIT...',
        'Asks all units listed on the command line to reload their configuration.',
      ],
      ['status [UNIT...]', 'Show runtime status information about one or more units.'],
      ['enable UNIT...', 'Enable one or more units.'],
    ],
  },
  pip: {
    section: 1,
    program: '/usr/bin/pip',
    header: 'User Commands',
    footer: ['pip 23.0.1', ''],
    name: 'pip - A tool for installing and managing Python packages',
    synopsis: ['pip <command> [options]'],
    description:
      'On Debian 12 the system Python is "externally managed" (PEP 668): pip refuses to install outside a virtual environment. Create one with python3 -m venv and use its pip.',
    options: [
      ['install', 'Install packages.'],
      ['list', 'List installed packages.'],
      ['--version', 'Show version and exit.'],
    ],
  },
  python3: {
    section: 1,
    program: '/usr/bin/python3.11',
    header: 'General Commands Manual',
    footer: ['', ''],
    name: 'python - an interpreted, interactive, object-oriented programming language',
    synopsis: ['python3 [ -c command | -m module-name | script | - ] [ args ]'],
    description: 'Python is an interpreted, interactive, object-oriented programming language.',
    options: [
      [
        '-m module-name',
        'Searches sys.path for the named module and runs it as a script (python3 -m venv DIR makes a virtual environment).',
      ],
      ['-V, --version', 'Prints the Python version number of the executable and exits.'],
    ],
  },
  'apt-get': {
    section: 8,
    program: '/usr/bin/apt-get',
    header: 'APT',
    footer: ['APT 2.6.1', '29 March 2023'],
    name: 'apt-get - APT package handling utility -- command-line interface',
    synopsis: ['apt-get [-y] {update | install pkg... | remove pkg...}'],
    description: 'apt-get is the command-line tool for handling packages.',
    options: [
      ['update', 'update is used to resynchronize the package index files from their sources.'],
      [
        'install',
        'install is followed by one or more packages desired for installation or upgrading.',
      ],
      ['-y, --yes, --assume-yes', 'Automatic yes to prompts.'],
    ],
  },
  man: {
    section: 1,
    program: '/usr/bin/man',
    header: 'Manual pager utils',
    footer: ['2.11.2', '2023-01-27'],
    name: 'man - an interface to the system reference manuals',
    synopsis: ['man [man options] [[section] page ...] ...'],
    description:
      "man is the system's manual pager. These pages are short versions written for this course.",
  },
};

export const ALIASES: Readonly<Record<string, string>> = {
  pip3: 'pip',
  python: 'python3',
  'uwsgi-core': 'uwsgi',
  apt: 'apt-get',
  egrep: 'grep',
};
