/* todoke-native-host.h: serves one Thunderbird connection
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <todoke.h>

G_BEGIN_DECLS

int todoke_native_host_serve (TodokeRuleSet *rules,
                              GInputStream  *input,
                              GOutputStream *output,
                              const char    *log_path);

G_END_DECLS
