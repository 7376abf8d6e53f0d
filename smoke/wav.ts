/**
 * A one-second WAV made in code for the speech-to-text smoke request: 16 kHz, 16-bit mono PCM (the
 * format speech models take without resampling), a quiet 440 Hz tone. 32 KB, nothing to ship.
 */
export const WAV_SAMPLE_RATE = 16_000;

export function oneSecondWav(sampleRate: number = WAV_SAMPLE_RATE): Buffer {
    const samples = sampleRate;
    const dataBytes = samples * 2;
    const wav = Buffer.alloc(44 + dataBytes);
    wav.write("RIFF", 0, "ascii");
    wav.writeUInt32LE(36 + dataBytes, 4);
    wav.write("WAVE", 8, "ascii");
    wav.write("fmt ", 12, "ascii");
    wav.writeUInt32LE(16, 16); // fmt chunk size (PCM)
    wav.writeUInt16LE(1, 20); // audio format: PCM
    wav.writeUInt16LE(1, 22); // channels
    wav.writeUInt32LE(sampleRate, 24);
    wav.writeUInt32LE(sampleRate * 2, 28); // byte rate
    wav.writeUInt16LE(2, 32); // block align
    wav.writeUInt16LE(16, 34); // bits per sample
    wav.write("data", 36, "ascii");
    wav.writeUInt32LE(dataBytes, 40);
    for (let i = 0; i < samples; i++) {
        wav.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), 44 + i * 2);
    }
    return wav;
}
