// What apt resolves `apt-get install NAME` to on a fresh Debian 12 server, for the packages the
// course installs: the packages it adds (dependencies and Recommends), the ones it suggests, and
// the full set it installs — from real-output-shell.md §7.3 (apt pointed at a fresh server's
// dpkg status). The capture machine's pending upgrades (python3.11, dpkg, libexpat1…) are left
// out: the simulated machine is up to date. On a machine that already has some of them, apt-get
// installs the rest. RECONSTRUCTED: `nginx` alone (not captured) from its Depends and Suggests.

export interface InstallPlan {
  /** The packages installed with it, and itself: §7.3's "NEW packages" in apt's order. */
  readonly installs: readonly string[];
  /** §7.3's "Suggested packages", as apt prints them (`a | b` for alternatives). */
  readonly suggests: readonly string[];
}

const NGINX_FULL_SET = [
  'libicu72',
  'libmaxminddb0',
  'libnginx-mod-http-auth-pam',
  'libnginx-mod-http-dav-ext',
  'libnginx-mod-http-echo',
  'libnginx-mod-http-geoip2',
  'libnginx-mod-http-subs-filter',
  'libnginx-mod-http-upstream-fair',
  'libnginx-mod-stream',
  'libnginx-mod-stream-geoip2',
  'libxml2',
  'nginx',
  'nginx-common',
  'nginx-full',
];

const UWSGI_LIBRARIES = [
  'libicu72',
  'libnorm1',
  'libpcre3',
  'libpgm-5.3-0',
  'libsodium23',
  'libxml2',
  'libyajl2',
  'libyaml-0-2',
  'libzmq5',
];

const UWSGI_SUGGESTS = [
  'nginx-full | cherokee | libapache2-mod-proxy-uwsgi | libapache2-mod-uwsgi | libapache2-mod-ruwsgi',
  'uwsgi-dev',
  'uwsgi-extra',
  'uwsgi-plugins-all',
];

export const INSTALL_PLANS: Readonly<Record<string, InstallPlan>> = {
  'nginx-full': {
    installs: NGINX_FULL_SET,
    suggests: ['mmdb-bin', 'fcgiwrap', 'nginx-doc', 'ssl-cert'],
  },
  nginx: { installs: ['nginx', 'nginx-common'], suggests: ['fcgiwrap', 'nginx-doc', 'ssl-cert'] },
  uwsgi: {
    installs: [...UWSGI_LIBRARIES, 'uwsgi', 'uwsgi-core'],
    suggests: UWSGI_SUGGESTS,
  },
  'uwsgi-plugin-python3': {
    installs: [
      'libicu72',
      'libnorm1',
      'libpcre3',
      'libpgm-5.3-0',
      'libpython3.11',
      'libsodium23',
      'libxml2',
      'libyajl2',
      'libyaml-0-2',
      'libzmq5',
      'uwsgi-core',
      'uwsgi-plugin-python3',
    ],
    suggests: [
      'python3.11-venv',
      'python3.11-doc',
      'binutils',
      'binfmt-support',
      ...UWSGI_SUGGESTS,
      'python3-uwsgidecorators',
    ],
  },
  'python3-flask': {
    installs: [
      'javascript-common',
      'libjs-jquery',
      'python-babel-localedata',
      'python3-asgiref',
      'python3-babel',
      'python3-blinker',
      'python3-cffi-backend',
      'python3-click',
      'python3-colorama',
      'python3-cryptography',
      'python3-dotenv',
      'python3-flask',
      'python3-itsdangerous',
      'python3-jinja2',
      'python3-markupsafe',
      'python3-openssl',
      'python3-pkg-resources',
      'python3-pyinotify',
      'python3-simplejson',
      'python3-tz',
      'python3-werkzeug',
    ],
    suggests: [
      'apache2 | lighttpd | httpd',
      'python-blinker-doc',
      'python-cryptography-doc',
      'python3-cryptography-vectors',
      'python-flask-doc',
      'python-jinja2-doc',
      'python-openssl-doc',
      'python3-openssl-dbg',
      'python3-setuptools',
      'python-pyinotify-doc',
      'ipython3',
      'python-werkzeug-doc',
      'python3-lxml',
      'python3-watchdog',
    ],
  },
  'python3-venv': {
    installs: [
      'python3-distutils',
      'python3-lib2to3',
      'python3-pip-whl',
      'python3-setuptools-whl',
      'python3-venv',
      'python3.11-venv',
    ],
    suggests: ['python3.11-doc', 'binutils', 'binfmt-support'],
  },
  'python3-pip': {
    installs:
      'binutils binutils-common binutils-x86-64-linux-gnu build-essential cpp cpp-12 dirmngr dpkg-dev fakeroot fontconfig-config fonts-dejavu-core g++ g++-12 gcc gcc-12 gnupg gnupg-l10n gnupg-utils gpg gpg-agent gpg-wks-client gpg-wks-server gpgconf gpgsm javascript-common libabsl20220623 libalgorithm-diff-perl libalgorithm-diff-xs-perl libalgorithm-merge-perl libaom3 libasan8 libassuan0 libatomic1 libavif15 libbinutils libc-dev-bin libc-devtools libc6-dev libcc1-0 libcrypt-dev libctf-nobfd0 libctf0 libdav1d6 libde265-0 libdeflate0 libdpkg-perl libexpat1-dev libfakeroot libfile-fcntllock-perl libfontconfig1 libfreetype6 libgav1-1 libgcc-12-dev libgd3 libgomp1 libgprofng0 libheif1 libisl23 libitm1 libjansson4 libjbig0 libjpeg62-turbo libjs-jquery libjs-sphinxdoc libjs-underscore libksba8 liblerc4 liblocale-gettext-perl liblsan0 libmpc3 libmpfr6 libnpth0 libnsl-dev libnuma1 libpng16-16 libpython3-dev libpython3.11 libpython3.11-dev libquadmath0 librav1e0 libstdc++-12-dev libsvtav1enc1 libtiff6 libtirpc-dev libtsan2 libubsan1 libwebp7 libx11-6 libx11-data libx265-199 libxau6 libxcb1 libxdmcp6 libxpm4 libyuv0 linux-libc-dev make manpages-dev patch pinentry-curses python3-dev python3-distutils python3-lib2to3 python3-pip python3-pkg-resources python3-setuptools python3-wheel python3.11-dev rpcsvc-proto zlib1g-dev'.split(
        ' ',
      ),
    suggests:
      'binutils-doc cpp-doc gcc-12-locales cpp-12-doc dbus-user-session pinentry-gnome3 tor debsig-verify debian-keyring g++-multilib g++-12-multilib gcc-12-doc gcc-multilib autoconf automake libtool flex bison gdb gcc-doc gcc-12-multilib parcimonie xloadimage scdaemon'
        .split(' ')
        .concat([
          'apache2 | lighttpd | httpd',
          ...'glibc-doc git bzr libgd-tools libstdc++-12-doc make-doc ed diffutils-doc pinentry-doc python-setuptools-doc python3.11-venv python3.11-doc binfmt-support'.split(
            ' ',
          ),
        ]),
  },
};
