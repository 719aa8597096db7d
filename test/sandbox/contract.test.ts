import { EMULATORS } from './contract/emulators.js'
import { emulatorContract } from './contract/suite.js'

// What all three emulators promise alike (test/sandbox/contract/suite.ts), each in its vendor's shapes.
for (const emulator of EMULATORS) emulatorContract(emulator)
