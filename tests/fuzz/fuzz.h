/* fuzz.h: what every fuzz target shares
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* The entry point libFuzzer calls, and driver.c when there is no libFuzzer. */
int  LLVMFuzzerTestOneInput (const uint8_t *data,
                             size_t         size);

/* Silences logging, so a fuzzer's output shows only what it found, and
 * makes criticals fatal: a critical on bad input is a bug too. */
void todoke_fuzz_set_up      (void);

G_END_DECLS
