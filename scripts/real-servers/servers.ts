import { swaggerFromFile, swaggerFromGoSource } from './swagger-description.ts';

/**
 * A real server that publishes its API description and installs from Debian: how to start it on a
 * loopback port, where its description is in the installed packages, and what a run sends with
 * every request. `.ci/run` installs `packages`.
 */
export interface RealServer {
  name: string;
  /** Debian packages that hold the server and its description (`apt-get install -y ...`). */
  packages: string[];
  /** The installed command; its absence means the packages are not installed. */
  command: string;
  args(port: number, dataDir: string): string[];
  /** The API's base, below the server's origin (`/api/v2`), as the runner's --base-url takes it. */
  basePath: string;
  /** A GET that answers 200 once the server serves, below the origin. */
  readyPath: string;
  /** Headers sent with every request (the runner's --header), e.g. the server's token. */
  headers: Record<string, string>;
  /** The server's Swagger 2.0 description, read from the installed package. */
  swagger(): Promise<object>;
  /** Where the description comes from and under which licence, for the report. */
  source: string;
  /**
   * How many operations a default run gets a 2xx from, as measured (docs/runner.md, "Real
   * servers"): a run that reaches fewer has lost a way to exercise them.
   */
  answering2xx: number;
}

const JUPYTER_TOKEN = 'contract-run';

export const REAL_SERVERS: RealServer[] = [
  {
    name: 'alertmanager',
    packages: ['prometheus-alertmanager', 'golang-github-prometheus-alertmanager-dev'],
    command: '/usr/bin/prometheus-alertmanager',
    args: (port, dataDir) => [
      '--config.file=/etc/prometheus/alertmanager.yml',
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.path=${dataDir}`,
      // No gossip with peers: one instance, on loopback only.
      '--cluster.listen-address=',
    ],
    basePath: '/api/v2',
    readyPath: '/-/ready',
    headers: {},
    swagger: () =>
      swaggerFromGoSource(
        '/usr/share/gocode/src/github.com/prometheus/alertmanager/api/v2/restapi/embedded_spec.go',
      ),
    source:
      "Alertmanager's API v2 (Swagger 2.0, embedded in restapi/embedded_spec.go of Debian's golang-github-prometheus-alertmanager-dev; Apache-2.0)",
    answering2xx: 9,
  },
  {
    name: 'jupyter-server',
    packages: ['jupyter-server', 'python3-jupyter-server'],
    command: '/usr/bin/jupyter-server',
    args: (port, dataDir) => [
      '--no-browser',
      // CI runs as root; the server refuses to without this.
      '--allow-root',
      '--ip=127.0.0.1',
      `--port=${port}`,
      '--port-retries=0',
      `--ServerApp.token=${JUPYTER_TOKEN}`,
      `--ServerApp.root_dir=${dataDir}`,
    ],
    basePath: '',
    readyPath: '/api',
    headers: { Authorization: `token ${JUPYTER_TOKEN}` },
    swagger: () => swaggerFromFile('/usr/lib/python3/dist-packages/jupyter_server/services/api/api.yaml'),
    source:
      "Jupyter Server's REST API (Swagger 2.0, jupyter_server/services/api/api.yaml of Debian's python3-jupyter-server; BSD-3-Clause)",
    // Not the kernels' and sessions' operations: no kernel is installed with the server.
    answering2xx: 16,
  },
];
