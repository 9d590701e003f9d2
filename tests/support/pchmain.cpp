// The one source of collab_test_pch (tests/CMakeLists.txt): the target exists to compile the
// precompiled header that every suite reuses; the program itself does nothing.
int main()
{
    return 0;
}
