/* todoke-cli.h: the todoke command line
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <todoke.h>

G_BEGIN_DECLS

typedef enum
{
  TODOKE_CLI_FORMAT_TEXT,
  TODOKE_CLI_FORMAT_JSON,
  TODOKE_CLI_FORMAT_SUMMARY,
} TodokeCliFormat;

/* Exit statuses: 0 all good, 1 some input could not be read, 2 bad usage,
 * 3 everything was read but some input only up to a limit. */
#define TODOKE_CLI_EXIT_OK        0
#define TODOKE_CLI_EXIT_FAILED    1
#define TODOKE_CLI_EXIT_USAGE     2
#define TODOKE_CLI_EXIT_TRUNCATED 3

/* Bounds on a --files-from list. */
#define TODOKE_CLI_MAX_LIST_LINE  4096
#define TODOKE_CLI_MAX_LIST_FILES 1000000

typedef struct _TodokeCliOutput TodokeCliOutput;
typedef struct _TodokeCliInputs TodokeCliInputs;

/* A read buffer reused from file to file; 64-bit sizes. */
typedef struct
{
  char  *data;
  gsize  allocated;
  gsize  length;
} TodokeCliBuffer;

int              todoke_cli_main              (int                argc,
                                               char             **argv);
int              todoke_cli_classify          (int                argc,
                                               char             **argv);
int              todoke_cli_explain           (int                argc,
                                               char             **argv);
int              todoke_cli_diagnose          (int                argc,
                                               char             **argv);
int              todoke_cli_reasons           (int                argc,
                                               char             **argv);

TodokeCliOutput *todoke_cli_output_new        (TodokeCliFormat    format,
                                               FILE              *stream,
                                               gboolean           with_guides);
void             todoke_cli_output_free       (TodokeCliOutput   *output);
void             todoke_cli_output_set_rule_set (TodokeCliOutput *output,
                                               TodokeRuleSet     *rules);
void             todoke_cli_output_add        (TodokeCliOutput   *output,
                                               const char        *file,
                                               TodokeDiagnosis   *diagnosis);
void             todoke_cli_output_count_file (TodokeCliOutput   *output,
                                               gboolean           bounce,
                                               gboolean           failed);
void             todoke_cli_output_finish     (TodokeCliOutput   *output);
void             todoke_cli_print_guide       (FILE              *stream,
                                               TodokeRuleSet     *rules,
                                               TodokeGuide       *guide,
                                               TodokeDiagnosis   *diagnosis);

gboolean         todoke_cli_check_options     (const char        *command,
                                               const char        *lang,
                                               const char        *client);

TodokeCliInputs *todoke_cli_inputs_new        (void);
void             todoke_cli_inputs_free       (TodokeCliInputs   *inputs);
void             todoke_cli_inputs_add        (TodokeCliInputs   *inputs,
                                               const char        *argument);
gboolean         todoke_cli_inputs_add_list   (TodokeCliInputs   *inputs,
                                               const char        *list,
                                               GError           **error);
GPtrArray       *todoke_cli_inputs_get_paths  (TodokeCliInputs   *inputs);
guint            todoke_cli_inputs_get_refused (TodokeCliInputs  *inputs);
GBytes          *todoke_cli_read_file         (const char        *path,
                                               guint64            max_size,
                                               TodokeCliBuffer   *buffer,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeCliOutput, todoke_cli_output_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeCliInputs, todoke_cli_inputs_free)

G_END_DECLS
