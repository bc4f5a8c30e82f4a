using System.Text;

namespace SmeAi.ML.Tests;

/// <summary>Builds minimal ELF64 little-endian images with a string table and a SHT_GNU_verneed section.</summary>
internal static class ElfImage
{
    public static byte[] WithVersionNeeds(params (string Dependency, string[] Versions)[] needs)
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        int AddString(string value)
        {
            var index = (int)strings.Length;
            strings.Write(Encoding.ASCII.GetBytes(value + "\0"));
            return index;
        }

        var verneed = new MemoryStream();
        var verneedWriter = new BinaryWriter(verneed);
        for (var n = 0; n < needs.Length; n++)
        {
            var (dependency, versions) = needs[n];
            verneedWriter.Write((ushort)1);
            verneedWriter.Write((ushort)versions.Length);
            verneedWriter.Write(AddString(dependency));
            verneedWriter.Write(16);
            verneedWriter.Write(n == needs.Length - 1 ? 0 : 16 * (versions.Length + 1));
            for (var a = 0; a < versions.Length; a++)
            {
                verneedWriter.Write(0x0abcdef0);
                verneedWriter.Write((ushort)0);
                verneedWriter.Write((ushort)(n + a + 2));
                verneedWriter.Write(AddString(versions[a]));
                verneedWriter.Write(a == versions.Length - 1 ? 0 : 16);
            }
        }

        const int headerSize = 64;
        var stringsOffset = headerSize;
        var verneedOffset = Align(stringsOffset + (int)strings.Length);
        var sectionsOffset = Align(verneedOffset + (int)verneed.Length);

        var image = new MemoryStream();
        var writer = new BinaryWriter(image);
        writer.Write(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 });
        writer.Write(new byte[8]);
        writer.Write((ushort)3);        // e_type: ET_DYN
        writer.Write((ushort)62);       // e_machine: x86-64
        writer.Write(1);                // e_version
        writer.Write(0UL);              // e_entry
        writer.Write(0UL);              // e_phoff
        writer.Write((ulong)sectionsOffset);
        writer.Write(0);                // e_flags
        writer.Write((ushort)headerSize);
        writer.Write((ushort)56);       // e_phentsize
        writer.Write((ushort)0);        // e_phnum
        writer.Write((ushort)64);       // e_shentsize
        writer.Write((ushort)3);        // e_shnum
        writer.Write((ushort)0);        // e_shstrndx

        image.Write(strings.ToArray());
        image.SetLength(verneedOffset);
        image.Position = verneedOffset;
        image.Write(verneed.ToArray());
        image.SetLength(sectionsOffset);
        image.Position = sectionsOffset;
        writer.Write(new byte[64]);
        WriteSection(writer, type: 3, stringsOffset, strings.Length, link: 0, info: 0);
        WriteSection(writer, type: 0x6ffffffe, verneedOffset, verneed.Length, link: 1, info: (uint)needs.Length);
        return image.ToArray();
    }

    private static int Align(int offset) => (offset + 7) & ~7;

    private static void WriteSection(BinaryWriter writer, uint type, long offset, long size, uint link, uint info)
    {
        writer.Write(0u);               // sh_name
        writer.Write(type);
        writer.Write(0UL);              // sh_flags
        writer.Write(0UL);              // sh_addr
        writer.Write((ulong)offset);
        writer.Write((ulong)size);
        writer.Write(link);
        writer.Write(info);
        writer.Write(8UL);              // sh_addralign
        writer.Write(0UL);              // sh_entsize
    }
}
