/// The C program that sets the floor for `aemconf-bench yaml`: libyaml's event API building the smallest
/// useful tree (node kind, copied scalar bytes, line and column, child arrays, anchors resolved by
/// reference), freed after each iteration. It prints one `seconds N` line per iteration, then its peak
/// resident set (`maxrss_kb N`, from `VmHWM`) and the node count of the last tree.
enum YAMLFloorProgram {
    /// The program's source; built with `cc -O2 floor.c -o floor -lyaml`.
    static let source = #"""
        #include <yaml.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <time.h>
        #include <sys/resource.h>

        typedef struct node {
            int kind;                 /* 0 scalar, 1 sequence, 2 mapping, 3 alias reference */
            char *value;              /* scalar bytes (copied) */
            size_t length;
            size_t line, column;
            struct node **children;
            size_t count, capacity;
            struct node *target;      /* the anchored node of an alias */
        } node;

        typedef struct { char *name; node *node; } anchor;

        static size_t node_count;

        static node *new_node(int kind, const yaml_mark_t *mark) {
            node *n = calloc(1, sizeof(node));
            if (!n) { perror("calloc"); exit(2); }
            n->kind = kind;
            n->line = mark->line + 1;
            n->column = mark->column + 1;
            node_count++;
            return n;
        }

        static void add_child(node *parent, node *child) {
            if (parent->count == parent->capacity) {
                parent->capacity = parent->capacity ? parent->capacity * 2 : 4;
                parent->children = realloc(parent->children, parent->capacity * sizeof(node *));
                if (!parent->children) { perror("realloc"); exit(2); }
            }
            parent->children[parent->count++] = child;
        }

        static void free_node(node *n) {
            for (size_t i = 0; i < n->count; i++) free_node(n->children[i]);
            free(n->children);
            free(n->value);
            free(n);
        }

        static node *parse(const unsigned char *bytes, size_t length) {
            yaml_parser_t parser;
            yaml_event_t event;
            node *stack[1024];
            size_t depth = 0;
            node *root = NULL;
            anchor *anchors = NULL;
            size_t anchor_count = 0, anchor_capacity = 0;
            node_count = 0;
            if (!yaml_parser_initialize(&parser)) { fprintf(stderr, "init failed\n"); exit(2); }
            yaml_parser_set_input_string(&parser, bytes, length);
            for (;;) {
                if (!yaml_parser_parse(&parser, &event)) {
                    fprintf(stderr, "parse error: %s at line %zu\n", parser.problem, parser.problem_mark.line + 1);
                    exit(1);
                }
                node *finished = NULL;
                const char *anchor_name = NULL;
                int done = event.type == YAML_STREAM_END_EVENT;
                switch (event.type) {
                case YAML_SCALAR_EVENT:
                    finished = new_node(0, &event.start_mark);
                    finished->value = malloc(event.data.scalar.length + 1);
                    memcpy(finished->value, event.data.scalar.value, event.data.scalar.length + 1);
                    finished->length = event.data.scalar.length;
                    anchor_name = (const char *)event.data.scalar.anchor;
                    break;
                case YAML_ALIAS_EVENT:
                    finished = new_node(3, &event.start_mark);
                    for (size_t i = anchor_count; i > 0; i--) {
                        if (strcmp(anchors[i - 1].name, (const char *)event.data.alias.anchor) == 0) {
                            finished->target = anchors[i - 1].node;
                            break;
                        }
                    }
                    break;
                case YAML_SEQUENCE_START_EVENT:
                case YAML_MAPPING_START_EVENT: {
                    node *n = new_node(event.type == YAML_SEQUENCE_START_EVENT ? 1 : 2, &event.start_mark);
                    if (depth == 1024) { fprintf(stderr, "too deep\n"); exit(1); }
                    stack[depth++] = n;
                    const yaml_char_t *a = event.type == YAML_SEQUENCE_START_EVENT
                        ? event.data.sequence_start.anchor : event.data.mapping_start.anchor;
                    if (a) {
                        if (anchor_count == anchor_capacity) {
                            anchor_capacity = anchor_capacity ? anchor_capacity * 2 : 16;
                            anchors = realloc(anchors, anchor_capacity * sizeof(anchor));
                        }
                        anchors[anchor_count].name = strdup((const char *)a);
                        anchors[anchor_count++].node = n;
                    }
                    break;
                }
                case YAML_SEQUENCE_END_EVENT:
                case YAML_MAPPING_END_EVENT:
                    finished = stack[--depth];
                    break;
                default:
                    break;
                }
                if (finished && anchor_name) {
                    if (anchor_count == anchor_capacity) {
                        anchor_capacity = anchor_capacity ? anchor_capacity * 2 : 16;
                        anchors = realloc(anchors, anchor_capacity * sizeof(anchor));
                    }
                    anchors[anchor_count].name = strdup(anchor_name);
                    anchors[anchor_count++].node = finished;
                }
                if (finished) {
                    if (depth > 0) add_child(stack[depth - 1], finished);
                    else root = finished;
                }
                yaml_event_delete(&event);
                if (done) break;
            }
            for (size_t i = 0; i < anchor_count; i++) free(anchors[i].name);
            free(anchors);
            yaml_parser_delete(&parser);
            return root;
        }

        int main(int argc, char **argv) {
            if (argc < 3) { fprintf(stderr, "usage: floor FILE ITERATIONS\n"); return 64; }
            FILE *file = fopen(argv[1], "rb");
            if (!file) { perror(argv[1]); return 1; }
            fseek(file, 0, SEEK_END);
            long size = ftell(file);
            fseek(file, 0, SEEK_SET);
            unsigned char *bytes = malloc(size);
            if (fread(bytes, 1, size, file) != (size_t)size) { perror("fread"); return 1; }
            fclose(file);
            int iterations = atoi(argv[2]);
            for (int i = 0; i < iterations; i++) {
                struct timespec start, end;
                clock_gettime(CLOCK_MONOTONIC, &start);
                node *root = parse(bytes, size);
                clock_gettime(CLOCK_MONOTONIC, &end);
                printf("seconds %.6f\n", (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
                if (root) free_node(root);
            }
            /* VmHWM is this program's own peak; ru_maxrss may include the parent's pages before exec. */
            long peak = -1;
            FILE *status = fopen("/proc/self/status", "r");
            if (status) {
                char line[256];
                while (fgets(line, sizeof line, status)) {
                    if (sscanf(line, "VmHWM: %ld kB", &peak) == 1) break;
                }
                fclose(status);
            }
            if (peak < 0) {
                struct rusage usage;
                getrusage(RUSAGE_SELF, &usage);
                peak = usage.ru_maxrss;
            }
            printf("maxrss_kb %ld\n", peak);
            printf("nodes %zu\n", node_count);
            free(bytes);
            return 0;
        }
        """#
}
