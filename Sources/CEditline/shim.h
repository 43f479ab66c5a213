#ifndef KGQ_CEDITLINE_SHIM_H
#define KGQ_CEDITLINE_SHIM_H

#include <stdio.h>
#include <editline/readline.h>

/* Swift 6 refuses to assign (and to read without isolation checks) C globals, so the REPL
   reaches libedit's readline globals only through these setters and getters. */

static inline void kg_set_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void kg_set_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void kg_set_append_character(int c) { rl_completion_append_character = c; }
static inline void kg_set_word_breaks(const char *chars) { rl_basic_word_break_characters = chars; }
static inline void kg_set_readline_name(const char *name) { rl_readline_name = name; }
static inline const char *kg_line_buffer(void) { return rl_line_buffer; }
static inline int kg_point(void) { return rl_point; }
static inline int kg_history_length(void) { return history_length; }
static inline int kg_history_base(void) { return history_base; }
static inline void kg_set_getc(int (*f)(FILE *)) { rl_getc_function = f; }

#endif
