/**
 * Which prebuilt binary this machine needs. Each is an optional dependency of
 * @prismind/native-core, `@prismind/native-core-<napi triple>` (package.json `napi.targets`, a test
 * keeps the two equal); the package manager installs only the one whose os/cpu/libc match.
 */
export const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  'linux-x64-glibc': '@prismind/native-core-linux-x64-gnu',
  'linux-x64-musl': '@prismind/native-core-linux-x64-musl',
  'linux-arm64-glibc': '@prismind/native-core-linux-arm64-gnu',
  'darwin-arm64': '@prismind/native-core-darwin-arm64',
  'darwin-x64': '@prismind/native-core-darwin-x64',
  'win32-x64': '@prismind/native-core-win32-x64-msvc',
};

export interface HostPlatform {
  platform: string;
  arch: string;
  /** Linux only: which C library the running Node links against. */
  libc?: 'glibc' | 'musl' | undefined;
}

/** Node's own report says whether it runs on glibc; musl builds have no glibc version in it. */
function linuxLibc(): 'glibc' | 'musl' {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
  return report?.header?.glibcVersionRuntime === undefined ? 'musl' : 'glibc';
}

export function hostPlatform(): HostPlatform {
  const { platform, arch } = process;
  return platform === 'linux' ? { platform, arch, libc: linuxLibc() } : { platform, arch };
}

/** `process.platform`-`process.arch`[-libc], the key of PLATFORM_PACKAGES: `linux-x64-glibc`. */
export function platformKey(host: HostPlatform): string {
  return [host.platform, host.arch, host.libc].filter((part) => part !== undefined).join('-');
}

/** The package that provides this platform's binary; undefined where none is published. */
export function platformPackage(host: HostPlatform): string | undefined {
  return PLATFORM_PACKAGES[platformKey(host)];
}
