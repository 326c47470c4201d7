#!/usr/bin/env bash
# Regenerates the demo clips in resources/demo/ (committed; run only to change them).
# Each: 640x360, 25 fps, H.264 baseline-ish (zerolatency), keyframe every 25 frames (1 s), 8 s, no audio, < 1 MB.
set -euo pipefail
cd "$(dirname "$0")/../resources/demo"
enc=(-c:v libx264 -preset veryfast -tune zerolatency -profile:v main -pix_fmt yuv420p -g 25 -keyint_min 25 -sc_threshold 0 -b:v 600k -maxrate 700k -bufsize 700k -an -f flv)
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=640x360:rate=25:duration=8" "${enc[@]}" crossroads.flv
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "mandelbrot=size=640x360:rate=25,trim=duration=8" "${enc[@]}" riverside.flv
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "life=size=640x360:rate=25:mold=10:ratio=0.1:death_color=#203040:life_color=#60c0a0,trim=duration=8" "${enc[@]}" plaza.flv
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "smptehdbars=size=640x360:rate=25:duration=8" -vf "hue=H=2*PI*t/8" "${enc[@]}" mountain.flv
ls -l *.flv
