/* todoke-test-utils.h: helpers the test programs share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "todoke.h"

G_BEGIN_DECLS

GBytes        *todoke_test_load_dist         (const char  *first_path,
                                              ...) G_GNUC_NULL_TERMINATED;
GBytes        *todoke_test_bytes             (const char  *text);
TodokeRuleSet *todoke_test_default_rules     (void);
gboolean       todoke_test_json_subset       (JsonNode    *expected,
                                              JsonNode    *actual,
                                              GString     *why);
JsonNode      *todoke_test_parse_json        (const char  *text);
double         todoke_test_generalization_floor (const char *name);
void           todoke_test_table_options     (int         *argc,
                                              char       **argv,
                                              gboolean    *table,
                                              gboolean    *misses);

G_END_DECLS
