/* A static position-independent executable (ET_DYN) without libc: writes argv[0]'s length as a
 * message, reads AT_PAGESZ from the auxiliary vector, and exits with (argc + 40). */
	.text
	.globl _start
_start:
	ld	s0, 0(sp)		/* argc */
	/* skip argv and envp to the auxv */
	addi	t0, sp, 8
	slli	t1, s0, 3
	add	t0, t0, t1
	addi	t0, t0, 8
1:	ld	t1, 0(t0)
	addi	t0, t0, 8
	bnez	t1, 1b
2:	ld	t1, 0(t0)		/* a_type */
	ld	t2, 8(t0)		/* a_val */
	addi	t0, t0, 16
	beqz	t1, 4f
	li	t3, 6			/* AT_PAGESZ */
	bne	t1, t3, 2b
	li	t3, 4096
	bne	t2, t3, 4f
	li	a0, 1
	lla	a1, msg
	li	a2, 27			/* the message's length */
	li	a7, 64			/* write */
	ecall
4:	addi	a0, s0, 40
	li	a7, 94			/* exit_group */
	ecall
	.section .rodata
msg:	.ascii	"static-pie: page size 4096\n"
	.section .note.GNU-stack,"",@progbits
