/* todoke-native-methods.h: the methods of PROTOCOL.md (private to the host)
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include <todoke.h>

#include "todoke-native-lift.h"
#include "todoke-native-upload.h"

G_BEGIN_DECLS

/* What a method sees of the host. */
typedef struct
{
  TodokeRuleSet       *rules;
  GHashTable          *classifiers;   /* client name → TodokeClassifier */
  TodokeNativeUploads *uploads;       /* messages sent in parts */
  TodokeProbe         *probe;         /* made on the first "diagnose" */
  gsize                max_answer;
  gsize                lift_min;      /* shortest string lifted out of a frame */
  TodokeNativeLifted   lifted;        /* the request's big string, if lifted */
} TodokeNativeContext;

/* A method's result: either @json (a JSON object, the "result" member) or
 * @diagnoses (element-type TodokeDiagnosis) that the dispatcher writes
 * with the shared writer, shortening server text to fit; @report, if
 * set, is the a{sv} handed to the desktop app. */
typedef struct
{
  char      *json;
  GPtrArray *diagnoses;
  GVariant  *report;
} TodokeNativeResult;

typedef gboolean (*TodokeNativeMethod) (TodokeNativeContext *context,
                                        JsonObject          *params,
                                        TodokeNativeResult  *result,
                                        GError             **error);

TodokeNativeMethod  todoke_native_method_lookup (const char *name);
const char * const *todoke_native_method_names  (void);

/* todoke-native-diagnose.c */
gboolean todoke_native_method_checks   (TodokeNativeContext *context,
                                        JsonObject          *params,
                                        TodokeNativeResult  *result,
                                        GError             **error);
gboolean todoke_native_method_diagnose (TodokeNativeContext *context,
                                        JsonObject          *params,
                                        TodokeNativeResult  *result,
                                        GError             **error);

G_END_DECLS
