import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostPlatform, PLATFORM_PACKAGES, platformKey, platformPackage } from './platform';

const npmDir = new URL('../npm/', import.meta.url);

interface PlatformManifest {
  name: string;
  os: string[];
  cpu: string[];
  libc?: string[];
  main: string;
  files: string[];
}

function platformManifests(): (PlatformManifest & { dir: string })[] {
  return readdirSync(npmDir).map((dir) => ({
    dir,
    ...JSON.parse(readFileSync(new URL(`${dir}/package.json`, npmDir), 'utf8')),
  }));
}

describe('platform packages', () => {
  it('maps every package napi create-npm-dirs made, by its os/cpu/libc, and nothing else', () => {
    const manifests = platformManifests();
    expect(manifests).toHaveLength(6);
    for (const m of manifests) {
      const host = { platform: m.os[0]!, arch: m.cpu[0]!, libc: m.libc?.[0] as 'glibc' | 'musl' };
      expect(platformPackage(host)).toBe(m.name);
    }
    expect(Object.values(PLATFORM_PACKAGES).sort()).toEqual(manifests.map((m) => m.name).sort());
  });

  it('one package per napi target, each shipping only its binary and the LICENSE', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const manifests = platformManifests();
    expect(manifests).toHaveLength(pkg.napi.targets.length);
    for (const m of manifests) {
      expect(m.name).toBe(`@prismind/native-core-${m.dir}`);
      expect(m.main).toBe(`prismind.${m.dir}.node`);
      expect(m.files).toEqual([m.main, 'LICENSE']);
    }
  });

  it('describes this machine as platform-arch[-libc]', () => {
    const host = hostPlatform();
    expect(host.platform).toBe(process.platform);
    expect(platformKey(host)).toMatch(new RegExp(`^${process.platform}-${process.arch}`));
    if (process.platform === 'linux') expect(host.libc).toMatch(/^(glibc|musl)$/);
    expect(platformKey({ platform: 'linux', arch: 'x64', libc: 'musl' })).toBe('linux-x64-musl');
    expect(platformKey({ platform: 'darwin', arch: 'arm64' })).toBe('darwin-arm64');
  });
});
