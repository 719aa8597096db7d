import { existsSync } from 'node:fs'
import { afterEach, expect, it } from 'vitest'
import { startRedis } from '../helpers/redis.js'

const saved = { PATH: process.env.PATH, DOCKER_HOST: process.env.DOCKER_HOST }
afterEach(() => {
  process.env.PATH = saved.PATH
  if (saved.DOCKER_HOST === undefined) delete process.env.DOCKER_HOST
  else process.env.DOCKER_HOST = saved.DOCKER_HOST
})

it.skipIf(existsSync('/var/run/docker.sock'))(
  'says how to install Redis when neither Docker nor redis-server is there',
  async () => {
    delete process.env.DOCKER_HOST
    process.env.PATH = '/nonexistent'
    await expect(startRedis()).rejects.toThrow(/apt-get install -y redis-server/)
  },
)
